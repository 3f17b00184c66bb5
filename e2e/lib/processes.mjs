// Stopping the peers and gateways the tests start: SIGTERM, then SIGKILL if it has not exited in time.

/**
 * Resolves once `child` has exited; does nothing if it has already. `signal(name)` sends a signal (the child's
 * own by default; a process group's where the child started one).
 */
export async function stopProcess(child, { timeoutMs = 5000, signal = (name) => child.kill(name) } = {}) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
