/** The non-root user the runtime stage runs as, by number so that Kubernetes can check `runAsNonRoot`. */
import type { OriginalStage } from './original';

const ROOT = /^(root|0)(:.*)?$/;

/** The original's last `USER` when it is not root. */
export function nonRootUser(original: OriginalStage): string | undefined {
  const user = original.user?.instr.node.getArgumentsContent()?.trim();
  return user && !ROOT.test(user) ? user : undefined;
}

const APP_USER = 'app';
/** The UID (and GID) given to the `app` user: numeric, so that Kubernetes can check `runAsNonRoot`. */
const APP_UID = '10001';

/** The commands that create the `app` system user with a fixed UID, for the image family. */
function createUserCommands(family: 'apt' | 'apk'): string[] {
  return family === 'apk'
    ? [`addgroup -S -g ${APP_UID} ${APP_USER}`, `adduser -S -u ${APP_UID} -G ${APP_USER} -H -D ${APP_USER}`]
    : [`groupadd --system --gid ${APP_UID} ${APP_USER}`, `useradd --system --uid ${APP_UID} --gid ${APP_USER} --no-create-home ${APP_USER}`];
}

/** The runtime's user and what creates it. */
export interface UserPlan {
  /** The `USER` value. */
  user: string;
  /** Commands that create the user. */
  create: string[];
  /** The original's repeated setup, with a UID added to the command that creates its user. */
  setup: string[];
  /** The user for messages: `app` (UID 10001). */
  label: string;
  note?: string;
}

/** Users every Debian and Alpine image has, by UID. */
const SYSTEM_UIDS: Record<'apt' | 'apk', Record<string, string>> = { apt: { nobody: '65534', 'www-data': '33' }, apk: { nobody: '65534', 'www-data': '82' } };

/**
 * The runtime's user, as a number so that `runAsNonRoot` can be checked: the original's non-root
 * user (with the UID its repeated `useradd`/`adduser` gives it, or a fixed one added to that
 * command), the image's own user, or a new `app` user with UID 10001.
 * @param setup the original's setup commands that the runtime repeats.
 * @param builtIn the runtime image's own non-root user, if it has one.
 * @returns the `USER` value, the commands that create the user, and the setup with the UID fixed.
 */
export function userPlan(original: OriginalStage, family: 'apt' | 'apk', setup: string[], builtIn?: string): UserPlan {
  const own = nonRootUser(original);
  if (own) {
    const name = own.split(':')[0];
    if (/^\d+$/.test(name) || name.includes('$')) return { user: own, create: [], setup, label: `\`${own}\`` };
    const creating = setup.findIndex((s) => /^(useradd|adduser)\b/.test(s) && s.split(/\s+/).filter((w) => !w.startsWith('-')).at(-1) === name);
    if (creating >= 0) {
      const words = setup[creating].split(/\s+/);
      const at = words.findIndex((w) => w === '-u' || w === '--uid');
      const uid = at >= 0 ? words[at + 1] : /^--uid=(\d+)$/.exec(words.find((w) => w.startsWith('--uid=')) ?? '')?.[1];
      if (uid && /^\d+$/.test(uid)) return { user: uid, create: [], setup, label: `\`${name}\` (UID ${uid})` };
      const flag = words[0] === 'adduser' && family === 'apk' ? `-u ${APP_UID}` : `--uid ${APP_UID}`;
      const fixed = [...setup];
      fixed[creating] = `${words[0]} ${flag} ${words.slice(1).join(' ')}`;
      return { user: APP_UID, create: [], setup: fixed, label: `\`${name}\` (UID ${APP_UID})`, note: `\`${name}\` is created with UID ${APP_UID} so that \`USER\` can name it by number` };
    }
    // Own keys only: a user named `constructor` must not find `Object.prototype`'s members.
    const known = Object.hasOwn(SYSTEM_UIDS[family], name) ? SYSTEM_UIDS[family][name] : undefined;
    return { user: known ?? own, create: [], setup, label: known ? `\`${name}\` (UID ${known})` : `\`${own}\`` };
  }
  if (builtIn) return { user: builtIn, create: [], setup, label: `\`${builtIn}\`` };
  return { user: `${APP_UID}:${APP_UID}`, create: createUserCommands(family), setup, label: `\`${APP_USER}\` (UID ${APP_UID}), a system user created for it` };
}
