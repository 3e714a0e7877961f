// Prints the first port of a run of N free loopback ports (N from argv, default 40), for a
// process group that lays its ports out from one base (scripts/temporal-cluster.sh).
const net = require('node:net');

const count = Number(process.argv[2] ?? 40);
const free = (port) =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

(async () => {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    // Below the kernel's ephemeral range (32768 and up), where outgoing connections take their ports.
    const base = 20000 + Math.floor(Math.random() * 600) * 20;
    let ok = true;
    for (let port = base; port < base + count && ok; port += 1) ok = await free(port);
    if (ok) return process.stdout.write(`${base}\n`);
  }
  process.stderr.write('no run of free ports found\n');
  process.exit(1);
})();
