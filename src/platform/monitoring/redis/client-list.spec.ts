import { groupClients, parseClientList } from './client-list.js';

const LIST = [
  'id=1 addr=10.0.0.1:5000 laddr=10.0.0.9:6379 fd=8 name=hotpath-shared age=100 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 tot-mem=2000 cmd=get user=default',
  'id=2 addr=10.0.0.1:5001 laddr=10.0.0.9:6379 fd=9 name=hotpath-shared age=50 idle=3 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 tot-mem=1000 cmd=mget user=default',
  'id=3 addr=10.0.0.1:5002 laddr=10.0.0.9:6379 fd=10 name=hotpath-consumer-projections.stats age=100 idle=2 flags=b db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 tot-mem=3000 cmd=xreadgroup user=default',
  'id=4 addr=10.0.0.1:5003 laddr=10.0.0.9:6379 fd=11 name=hotpath-cache-bus age=100 idle=40 flags=P db=0 sub=1 psub=0 ssub=0 multi=-1 qbuf=0 tot-mem=1500 cmd=subscribe user=default',
  'id=5 addr=10.0.0.2:6000 laddr=10.0.0.9:6379 fd=12 name= age=9 idle=9 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 tot-mem=900 cmd=client|list user=default',
  '',
].join('\n');

describe('CLIENT LIST', () => {
  it('reads each client: name, age, idle time, blocked, subscribed, last command name', () => {
    const clients = parseClientList(LIST);
    expect(clients).toHaveLength(5);
    expect(clients[2]).toEqual({ name: 'hotpath-consumer-projections.stats', ageSeconds: 100, idleSeconds: 2, blocked: true, subscriber: false, command: 'xreadgroup', memoryBytes: 3000 });
    expect(clients[3]).toMatchObject({ subscriber: true, blocked: false });
  });

  it('groups clients by connection name, the largest group first', () => {
    expect(groupClients(parseClientList(LIST))).toEqual([
      { name: 'hotpath-shared', connections: 2, blocked: 0, subscribers: 0, maxIdleSeconds: 3, oldestSeconds: 100, memoryBytes: 3000 },
      { name: '(unnamed)', connections: 1, blocked: 0, subscribers: 0, maxIdleSeconds: 9, oldestSeconds: 9, memoryBytes: 900 },
      { name: 'hotpath-cache-bus', connections: 1, blocked: 0, subscribers: 1, maxIdleSeconds: 40, oldestSeconds: 100, memoryBytes: 1500 },
      { name: 'hotpath-consumer-projections.stats', connections: 1, blocked: 1, subscribers: 0, maxIdleSeconds: 2, oldestSeconds: 100, memoryBytes: 3000 },
    ]);
  });
});
