import os from 'node:os';

export function machineInfo(): Record<string, string> {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: String(os.availableParallelism?.() ?? cpus.length),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    // The project's machines are shared: every timing reads against this (1, 5, 15 min, when the run began).
    'load average': os.loadavg().map((l) => l.toFixed(2)).join(', '),
  };
}
