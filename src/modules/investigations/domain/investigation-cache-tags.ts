/** Cache tags of investigation reads: one per investigation, one for every list. */
export const investigationTags = {
  one: (id: string) => `investigation:${id.toLowerCase()}`,
  list: 'investigations:list',
};
