import { launchBrowser } from './lib/browser.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import { openPhone } from './lib/softphone.mjs';
const gw = await startGateway();
const b = await launchBrowser();
try {
  const a = await openPhone(b, gw.url, 'alice');
  await a.page.screenshot({ path: '/tmp/gwdbg/login.png' });
  console.log(await a.page.evaluate(() => JSON.stringify(document.querySelector('#tile-local').getBoundingClientRect())));
  console.log(a.problems);
} finally { await b.close(); await gw.stop(); }
