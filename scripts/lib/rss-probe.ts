/**
 * Preloaded into a benchmarked child (`node --import dist/scripts/lib/rss-probe.js …`):
 * on exit, writes the process's peak RSS and CPU time to the file named by
 * GUANXI_RSS_PROBE. Worker threads share the process, so their memory is included; the
 * probe itself only runs its exit hook on the main thread (workers inherit --import).
 */
import { isMainThread } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';

const target = process.env.GUANXI_RSS_PROBE;
if (target && isMainThread) {
  process.on('exit', (code) => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKB: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, code }));
  });
}
