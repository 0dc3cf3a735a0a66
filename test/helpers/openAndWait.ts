import { Warehouse } from '../../data/warehouse.ts';

/** A child process that opens (creating) the warehouse at argv[2] read-write, says 'open' and waits to be killed. */
const wh = await Warehouse.open(process.argv[2]);
await wh.run('SELECT 1');
process.stdout.write('open\n');
setInterval(() => undefined, 1000);
