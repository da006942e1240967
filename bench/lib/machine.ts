import os from 'node:os';

export function machineInfo(): Record<string, string> {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: String(os.availableParallelism?.() ?? cpus.length),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    // the machine is often shared: timings mean little without the load they ran under
    'load average (1, 5, 15 min)': os.loadavg().map((x) => x.toFixed(2)).join(', '),
  };
}
