/**
 * The workspace's frame: sign-in, the person as the directory knows them, the menu, and the page
 * the address names (`#/work`, `#/new`, `#/search`, `#/case/<number>`).
 */
import { Alert, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, must, type Schemas } from './api';
import { accessToken, finishSignIn, signIn, signOut, workspaceConfig, type WorkspaceConfig } from './auth';
import { wordsFor, WordsContext, type Locale } from './i18n';
import { Approvals } from './pages/Approvals';
import { CasePage } from './pages/CasePage';
import { MyWork } from './pages/MyWork';
import { NewComplaint } from './pages/NewComplaint';
import { Problems } from './pages/Problems';
import { DataRequests, Retention } from './pages/PersonalData';
import { KnowledgePage, QualityPage, TriageRulesPage } from './pages/Learning';
import { SearchPage } from './pages/SearchPage';
import { Team } from './pages/Team';

// The charts of the reports come with their page only.
const Reports = lazy(() => import('./pages/Reports'));

const PAGES = ['work', 'new', 'search', 'approvals', 'team', 'reports', 'problems', 'privacy', 'retention', 'knowledge', 'quality', 'triage-rules'] as const;
type Route = { page: (typeof PAGES)[number]; id?: string } | { page: 'case'; number: string };

function parseRoute(hash: string): Route {
  const [, page, arg] = hash.replace(/^#/, '').split('/');
  if (page === 'case' && arg) return { page: 'case', number: decodeURIComponent(arg) };
  if ((PAGES as readonly string[]).includes(page)) return { page: page as (typeof PAGES)[number], ...(arg ? { id: decodeURIComponent(arg) } : {}) };
  return { page: 'work' };
}

/** People who ask their system for less motion get none (and screenshots show settled pages). */
const reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Secondary text dark enough for WCAG AA (4.5:1) on white and on the page's grey. */
const READABLE_TEXT = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
  colorTextDescription: 'rgba(0, 0, 0, 0.68)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
  colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
  colorLink: '#0958d9',
};

const initialLocale = (): Locale => (localStorage.getItem('complaints.locale') === 'en' ? 'en' : 'zh-CN');

/** The pages of learning from cases each role opens (permissions: domain/permissions.ts). */
function improvementItems(role: string, locale: Locale) {
  const en = locale === 'en';
  const leads = role === 'supervisor' || role === 'manager' || role === 'quality';
  return [
    ...(leads ? [{ key: 'reports', label: <a href="#/reports">{en ? 'Reports' : '报表'}</a> }, { key: 'problems', label: <a href="#/problems">{en ? 'Problems' : '系统性问题'}</a> }] : []),
    ...(role !== 'admin' && role !== 'customer' ? [{ key: 'knowledge', label: <a href="#/knowledge">{en ? 'Knowledge base' : '知识库'}</a> }, { key: 'quality', label: <a href="#/quality">{en ? 'Quality review' : '质检'}</a> }] : []),
    ...(role === 'admin' || role === 'agent' || leads ? [{ key: 'triage-rules', label: <a href="#/triage-rules">{en ? 'Triage rules' : '分诊规则'}</a> }] : []),
  ];
}

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const words = useMemo(() => wordsFor(locale), [locale]);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [workspace, setWorkspace] = useState<WorkspaceConfig>();
  const config = workspace === undefined ? undefined : workspace.signIn;
  const [me, setMe] = useState<Schemas['Me']>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem('complaints.locale', locale);
  }, [locale]);

  const loadMe = useCallback(async () => {
    if (!accessToken()) return setMe(undefined);
    try {
      setMe(await must(api.GET('/me')));
      setProblem(undefined);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 401) signOut();
      setProblem(`${status === 403 ? `${words.t('refused')}: ` : ''}${(err as Error).message}`);
      setMe(undefined);
    }
  }, [words]);

  useEffect(() => {
    void (async () => {
      let found: WorkspaceConfig;
      try {
        found = await workspaceConfig();
      } catch (err) {
        return setProblem((err as Error).message);
      }
      setWorkspace(found);
      if (found.signIn) {
        try {
          const returnTo = await finishSignIn(found.signIn);
          if (returnTo !== undefined) setRoute(parseRoute(returnTo));
        } catch (err) {
          setProblem((err as Error).message);
        }
      }
      await loadMe();
    })();
  }, [loadMe]);

  const go = (hash: string) => {
    location.hash = hash;
  };
  const open = (number: string) => go(`#/case/${encodeURIComponent(number)}`);

  let content;
  if (config === undefined) content = <Spin />;
  else if (!me)
    content = (
      <Result
        status={problem ? 'warning' : 'info'}
        title={words.t('appName')}
        subTitle={problem ?? (config ? words.t('signInPrompt') : 'Sign-in is not configured on this server (OIDC_ISSUER).')}
        extra={
          config && (
            <Button type="primary" size="large" id="sign-in" onClick={() => void signIn(config, location.hash)}>
              {words.t('signIn')}
            </Button>
          )
        }
      />
    );
  else if (route.page === 'case') content = <CasePage key={route.number} number={route.number} role={me.role} />;
  else if (route.page === 'new') content = <NewComplaint open={open} />;
  else if (route.page === 'search') content = <SearchPage open={open} />;
  else if (route.page === 'approvals') content = <Approvals open={open} />;
  else if (route.page === 'team') content = <Team open={open} temporalUi={workspace?.temporalUi ?? null} />;
  else if (route.page === 'problems') content = <Problems open={open} />;
  else if (route.page === 'privacy') content = <DataRequests open={open} selected={route.id} />;
  else if (route.page === 'retention') content = <Retention mayRun={me.role === 'admin'} />;
  else if (route.page === 'knowledge') content = <KnowledgePage role={me.role} />;
  else if (route.page === 'quality') content = <QualityPage me={me} />;
  else if (route.page === 'triage-rules') content = <TriageRulesPage mayEdit={me.role === 'admin'} />;
  else if (route.page === 'reports')
    content = (
      <Suspense fallback={<Spin />}>
        <Reports />
      </Suspense>
    );
  else content = <MyWork open={open} />;

  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1668dc', motion: !reducedMotion, ...READABLE_TEXT }, components: { Menu: { itemPaddingInline: 12 } } }}>
      <WordsContext.Provider value={words}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#001529' }}>
            <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
              {words.t('appName')}
            </Typography.Text>
            {me && (
              <Menu
                theme="dark"
                mode="horizontal"
                selectedKeys={[route.page]}
                // Every page stays in the bar (a collapsed "…" keeps hidden copies that assistive technology trips on).
                disabledOverflow
                style={{ flex: 1, minWidth: 0, flexWrap: 'nowrap' }}
                items={[
                  { key: 'work', label: <a href="#/work">{words.t('myWork')}</a> },
                  ...(me.role === 'agent' || me.role === 'handler' || me.role === 'supervisor' || me.role === 'manager' ? [{ key: 'new', label: <a href="#/new">{words.t('newComplaint')}</a> }] : []),
                  { key: 'search', label: <a href="#/search">{words.t('search')}</a> },
                  ...(me.role === 'supervisor' || me.role === 'manager'
                    ? [
                        { key: 'approvals', label: <a href="#/approvals">{words.locale === 'en' ? 'Approvals' : '审批'}</a> },
                        { key: 'team', label: <a href="#/team">{words.locale === 'en' ? 'Team' : '团队'}</a> },
                      ]
                    : []),
                  ...(me.role === 'admin' || me.role === 'quality' ? [{ key: 'retention', label: <a href="#/retention">{words.locale === 'en' ? 'Retention' : '保留期限'}</a> }] : []),
                  ...(me.role === 'handler' || me.role === 'supervisor' || me.role === 'manager' || me.role === 'quality' ? [{ key: 'privacy', label: <a href="#/privacy">{words.locale === 'en' ? 'Data requests' : '个人信息请求'}</a> }] : []),
                  // Learning from cases: reports, problems, the knowledge base, quality review and the triage rules, under one entry.
                  ...(improvementItems(me.role, words.locale).length > 0
                    ? [{ key: 'improve', label: words.locale === 'en' ? 'Improvement' : '改进', children: improvementItems(me.role, words.locale) }]
                    : []),
                ]}
              />
            )}
            <Space style={{ marginLeft: 'auto' }}>
              {me && (
                <Typography.Text style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="who" title={`${me.role} · ${me.departmentId}`}>
                  {me.name} · {me.role}
                </Typography.Text>
              )}
              <Button size="small" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')} aria-label="language">
                {words.t('language')}
              </Button>
              {me && (
                <Button size="small" id="sign-out" onClick={() => (signOut(), setMe(undefined))}>
                  {words.t('signOut')}
                </Button>
              )}
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
            {problem && me && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
            {content}
          </Layout.Content>
        </Layout>
      </WordsContext.Provider>
    </ConfigProvider>
  );
}
