import { useEffect, useId, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Select } from '../components/form';
import { OpenJobForm } from '../components/open-job-form';
import { ThemeToggle } from '../components/theme-toggle';
import { homePath, jobListPath, parseJobListSearch, servicePath, submitPath } from '../lib/routes';
import { isTransientService, useServices } from '../lib/services';
import { useCurrentService } from './current-service';

function navClass({ isActive }: { isActive: boolean }) {
  return `shrink-0 rounded-md px-2 py-0.5 text-sm font-medium whitespace-nowrap sm:py-1 ${
    isActive
      ? 'bg-slate-200 text-slate-950 dark:bg-slate-700 dark:text-white'
      : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'
  }`;
}

function ServicePicker() {
  const { services } = useServices();
  const { service, all } = useCurrentService();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const id = useId();
  const value = all ? 'all' : service.tapUrl;
  const onChange = (tapUrl: string) => {
    if (location.pathname === '/jobs') {
      const { service: _s, ...filters } = parseJobListSearch(params);
      void navigate(jobListPath(tapUrl, filters));
    } else if (location.pathname === '/submit' && tapUrl !== 'all') void navigate(submitPath(tapUrl));
    else if (location.pathname === '/job' || tapUrl === 'all') void navigate(jobListPath(tapUrl));
    else void navigate(servicePath(tapUrl));
  };
  return (
    <div className="flex min-w-0 flex-1 items-center gap-1.5 sm:flex-none">
      <label htmlFor={id} className="sr-only text-sm font-medium sm:not-sr-only">
        Service
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="w-full min-w-0 py-1 sm:w-auto sm:max-w-[16rem]">
        {services.map((s) => (
          <option key={s.id} value={s.tapUrl} className="[unicode-bidi:isolate]">
            {s.label}
          </option>
        ))}
        {isTransientService(service) && !all && <option value={service.tapUrl} className="[unicode-bidi:isolate]">{`\u2068${service.label}\u2069 (from link)`}</option>}
        <option value="all">All services</option>
      </Select>
    </div>
  );
}

/**
 * After a move to another screen, keyboard and screen reader users start at
 * its title, not at the link they followed, and the page does not scroll the
 * header away (the first screen is left alone). A screen whose code is still
 * loading gets its title focused when it appears. A change of query only (a
 * filter, a sort) keeps the focus where it is.
 */
function useFocusOnNewScreen() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const main = mainRef.current;
    const first = shown.current === null;
    const moved = shown.current !== pathname;
    shown.current = pathname;
    if (first || !moved || !main) return;
    const focusTitle = (): boolean => {
      const title = main.querySelector<HTMLElement>('h1');
      if (!title) return false;
      if (!title.hasAttribute('tabindex')) title.tabIndex = -1;
      title.focus({ preventScroll: true });
      return true;
    };
    if (focusTitle()) return;
    main.focus({ preventScroll: true });
    const observer = new MutationObserver(() => {
      if (focusTitle()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, [pathname]);
  return mainRef;
}

export function Layout() {
  const { service, all } = useCurrentService();
  const mainRef = useFocusOnNewScreen();
  return (
    <div className="min-h-screen bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
        {/* Below 640 px: the name, the service and the theme on one line, the sections scrolling on a second. */}
        <div className="mx-auto flex max-w-[96rem] flex-wrap items-center gap-x-3 gap-y-0.5 px-3 py-1 sm:gap-x-4 sm:gap-y-2 sm:px-4 sm:py-2">
          <Link to={homePath()} className="text-base font-bold tracking-tight">
            uws<span className="text-blue-700 dark:text-blue-400">-desk</span>
          </Link>
          <ServicePicker />
          <nav
            aria-label="Main"
            className="order-last -mx-1 flex w-full items-center gap-1 overflow-x-auto px-1 sm:order-none sm:mx-0 sm:w-auto sm:px-0"
          >
            <NavLink to={servicePath(service.tapUrl)} className={navClass} end>
              Overview
            </NavLink>
            <NavLink
              to={jobListPath(service.tapUrl)}
              className={({ isActive }) => navClass({ isActive: isActive && !all })}
            >
              Jobs
            </NavLink>
            <NavLink to={jobListPath('all')} className={() => navClass({ isActive: all })}>
              All services
            </NavLink>
            <NavLink to={submitPath(service.tapUrl)} className={navClass}>
              New query
            </NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3">
            {/* On a narrow screen a job is opened from the service's overview instead. */}
            <div className="hidden sm:block">
              <OpenJobForm currentTapUrl={all ? null : service.tapUrl} compact />
            </div>
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main ref={mainRef} id="main" tabIndex={-1} className="mx-auto max-w-[96rem] px-3 py-4 focus:outline-none sm:px-4">
        <Outlet />
      </main>
    </div>
  );
}
