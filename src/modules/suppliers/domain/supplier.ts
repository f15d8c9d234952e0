export interface Supplier {
  id: string;
  taxId: string;
  name: string;
  country: string;
  createdAt: string;
  updatedAt: string;
}
