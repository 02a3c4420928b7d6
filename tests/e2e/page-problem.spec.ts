import { ask, expect, test, useSandboxAccount } from './extension';
import { useFixtureSites } from './tls-proxy';
import { openPopup } from './ui-helpers';

/**
 * A page's lookup that fails (here: a key NumPool refuses) is "no button" to the page and nothing
 * more; the popup says why. The page is an adversary: it must not learn the reason.
 */
const sites = useFixtureSites(test);
test.beforeEach(async ({ control }) => {
  await control.reset();
});

test('a key NumPool refuses: the page gets no button and no word of why; the popup says it', async ({
  context,
  extensionId,
  worker,
  sandbox,
}) => {
  await useSandboxAccount(worker, sandbox, 'np_test_revoked_0000', { defaultCountry: 187 });
  const signup = await context.newPage();
  await signup.goto(sites.url('signup.whatsapp.com', 'hostile/signup.html?attack=none'));
  await expect(signup.locator('#phone')).toBeVisible();

  const helper = await context.newPage();
  await helper.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect
    .poll(
      async () => {
        const reply = await ask(helper, 'snapshot.get', {});
        return reply.ok ? reply.value.pageProblem : reply.error.key;
      },
      { timeout: 15_000 },
    )
    .toBe('key-refused');
  await helper.close();

  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('page-problem')).toHaveText(
    'Sign-up pages show no NumPool button right now: NumPool refused your API key. Check it in the options.',
  );
  // The page has no button and nothing in it, its frames or its text says what went wrong.
  await expect(signup.locator('[data-numpool=button]')).toHaveCount(0);
  const text = (await signup.content()).toLowerCase();
  for (const word of ['refused', 'api key', 'numpool']) expect(text).not.toContain(word);
});
