// The Cb Response examples that change threat-intelligence state (bans, alerts, feeds,
// watchlists), checked against the emulator's state afterwards.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPECIAL_BINARY_MD5 } from '@cb/emulator';
import { useExampleEnv } from './support/harness.js';

const env = useExampleEnv();
const md5 = SPECIAL_BINARY_MD5.toLowerCase();

describe('threat-intelligence examples', { timeout: 60_000 }, () => {
  it('ban-hash bans, reports an existing ban, lifts it with a reason and lists bans', async () => {
    expect(env.emu.state.bannedHashes.has(md5)).toBe(false);
    const ban = await env.run('response/ban-hash.ts', ['--md5', SPECIAL_BINARY_MD5, '--text', 'tour ban']);
    expect(ban.stderr).toBe('');
    expect(ban.stdout).toContain(`banned ${md5} (c:\\windows\\system32\\notepad.exe): tour ban`);
    expect(env.emu.state.bannedHashes.get(md5)).toMatchObject({ enabled: true, text: 'tour ban' });

    const again = await env.run('response/ban-hash.ts', ['--md5', SPECIAL_BINARY_MD5]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${md5} is already banned`);

    const lift = await env.run('response/ban-hash.ts', ['--unban', '--md5', SPECIAL_BINARY_MD5, '--text', 'false positive']);
    expect(lift.stdout).toContain(`lifted the ban on ${md5}: false positive`);
    expect(env.emu.state.bannedHashes.get(md5)).toMatchObject({ enabled: false, text: 'false positive' });

    const list = await env.run('response/ban-hash.ts', ['--list']);
    const enabled = [...env.emu.state.bannedHashes.values()].filter((b) => b.enabled);
    expect(list.stdout).toContain(`${enabled.length} ban(s)`);
    for (const b of enabled) expect(list.stdout).toContain(b.md5hash);
    expect(list.stdout).not.toContain(md5);
  });

  it('alert-bulk-resolve resolves every open alert of a host in bulk', async () => {
    const ofHost = () => [...env.emu.state.alerts.values()].filter((a) => a.hostname === 'WKS-IT-0649');
    const open = ofHost().filter((a) => a.status !== 'Resolved').length;
    expect(open).toBeGreaterThan(0);
    const dry = await env.run('response/alert-bulk-resolve.ts', ['--query', 'hostname:WKS-IT-0649', '--dry-run']);
    expect(dry.stdout).toContain(`would resolve ${open} alert(s)`);
    expect(ofHost().filter((a) => a.status !== 'Resolved')).toHaveLength(open);

    const r = await env.run('response/alert-bulk-resolve.ts', ['--query', 'hostname:WKS-IT-0649']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Complete. Resolved ${open} alert(s).`);
    expect(ofHost().every((a) => a.status === 'Resolved')).toBe(true);
    const none = await env.run('response/alert-bulk-resolve.ts', ['--query', 'hostname:WKS-IT-0649']);
    expect(none.stdout).toContain('Congratulations! You have no unresolved alerts!');
  });

  it('feed-operations adds, lists, shows actions of and deletes feeds', async () => {
    const url = 'https://intel.example.com/tour.json';
    const add = await env.run('response/feed-operations.ts', ['add', '--feed-url', url, '--enable']);
    expect(add.stderr).toBe('');
    const created = [...env.emu.state.feeds.values()].find((f) => f.feed_url === url);
    expect(created).toMatchObject({ enabled: true });
    expect(add.stdout).toContain(`Added feed. New feed ID is ${created?.id}`);

    const dup = await env.run('response/feed-operations.ts', ['add', '--feed-url', url]);
    expect(dup.stdout).toContain(`Warning: feed(s) already configured for ${url}`);
    expect([...env.emu.state.feeds.values()].filter((f) => f.feed_url === url)).toHaveLength(1);

    const list = await env.run('response/feed-operations.ts', ['list']);
    for (const f of env.emu.state.feeds.values()) expect(list.stdout).toMatch(new RegExp(`^name +: ${f.name}$`, 'm'));

    const actions = await env.run('response/feed-operations.ts', ['actions', '--name', 'SOC']);
    const soc = [...env.emu.state.feeds.values()].find((f) => f.name === 'SOC');
    const socActions = [...env.emu.state.feedActions.values()].filter((a) => a.group_id === soc?.id);
    expect(actions.stdout.match(/^ {2}- /gm)).toHaveLength(socActions.length);
    expect(actions.stdout).toContain('email {"email_recipients":[1]}');

    const del = await env.run('response/feed-operations.ts', ['delete', '--id', String(created?.id)]);
    expect(del.stdout).toContain(`Deleted feed id ${created?.id}`);
    expect(env.emu.state.feeds.has(created?.id ?? -1)).toBe(false);

    const missing = await env.run('response/feed-operations.ts', ['delete', '--name', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("NoMatchError: no feed named 'nope'\n");
  });

  it('watchlist-operations adds (with a hit count), lists actions and deletes', async () => {
    const add = await env.run('response/watchlist-operations.ts', ['add', '--name', 'Tour: net.exe', '--query', 'process_name:net.exe', '--count']);
    expect(add.stderr).toBe('');
    const w = [...env.emu.state.watchlists.values()].find((x) => x.name === 'Tour: net.exe');
    expect(w).toMatchObject({ index_type: 'events', search_query: 'cb.urlver=1&q=process_name%3Anet.exe' });
    expect(add.stdout).toMatch(/it matches [1-9]\d* process segment\(s\) now/);

    const list = await env.run('response/watchlist-operations.ts', ['list']);
    expect(list.stdout).toMatch(/Tour: net\.exe +events +true/);
    const actions = await env.run('response/watchlist-operations.ts', ['list-actions', '--name', 'Evil processes']);
    expect(actions.stdout).toContain('Actions in watchlist Evil processes (id 1):\n  - alert: {}\n  - email: {"email_recipients":[1,2]}');

    const del = await env.run('response/watchlist-operations.ts', ['delete', '--name', 'Tour: net.exe']);
    expect(del.stdout).toContain(`Deleted watchlist id ${w?.id} with name Tour: net.exe`);
    expect(env.emu.state.watchlists.has(String(w?.id))).toBe(false);
  });

  it('watchlist-exporter and watchlist-importer round-trip watchlists through a file', async () => {
    const before = [...env.emu.state.watchlists.values()].find((x) => x.name === 'Encoded PowerShell');
    const exp = await env.run('response/watchlist-exporter.ts', ['--output', 'wl.json', '--names', 'Encoded PowerShell,Evil processes', '--author', 'SOC']);
    expect(exp.stdout).toContain('exported 2 watchlist(s) to wl.json');
    const file = JSON.parse(readFileSync(join(env.dir, 'wl.json'), 'utf8')) as { Author: string; Watchlists: { Name: string; URL: string; Type: string }[] };
    expect(file.Author).toBe('SOC');
    expect(file.Watchlists.find((x) => x.Name === 'Encoded PowerShell')).toMatchObject({ URL: before?.search_query, Type: 'events' });

    const del = await env.run('response/watchlist-operations.ts', ['delete', '--name', 'Encoded PowerShell']);
    expect(del.code).toBe(0);
    expect([...env.emu.state.watchlists.values()].some((x) => x.name === 'Encoded PowerShell')).toBe(false);

    const imp = await env.run('response/watchlist-importer.ts', ['--input', 'wl.json']);
    expect(imp.stderr).toBe('');
    expect(imp.stdout).toContain('skipped Evil processes: a watchlist of that name exists');
    expect(imp.stdout).toContain('1 created, 1 skipped');
    const after = [...env.emu.state.watchlists.values()].find((x) => x.name === 'Encoded PowerShell');
    expect(after).toMatchObject({ search_query: before?.search_query, index_type: before?.index_type });

    const strict = await env.run('response/watchlist-importer.ts', ['--input', 'wl.json', '--on-existing', 'error']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^ConflictError: /);
  });

  it('watchlist-importer validates the file before creating anything', async () => {
    const count = env.emu.state.watchlists.size;
    writeFileSync(join(env.dir, 'bad.json'), JSON.stringify({ Watchlists: [{ Name: 'ok', URL: 'q=a', Type: 'events' }, { Name: 'broken' }] }));
    const r = await env.run('response/watchlist-importer.ts', ['--input', 'bad.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('InvalidObjectError: Watchlists[1] is missing URL, Type\n');
    expect(env.emu.state.watchlists.size).toBe(count);
  });
});
