import { useEffect, useId, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Select } from '../components/form';
import { OpenJobForm } from '../components/open-job-form';
import { ThemeToggle } from '../components/theme-toggle';
import { homePath, jobListPath, parseJobListSearch, servicePath, submitPath } from '../lib/routes';
import { isTransientService, useServices } from '../lib/services';
import { useCurrentService } from './current-service';

function navClass({ isActive }: { isActive: boolean }) {
  return `rounded-md px-2 py-1 text-sm font-medium ${
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
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        Service
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="max-w-[16rem] py-1">
        {services.map((s) => (
          <option key={s.id} value={s.tapUrl}>
            {s.label}
          </option>
        ))}
        {isTransientService(service) && !all && <option value={service.tapUrl}>{service.label} (from link)</option>}
        <option value="all">All services</option>
      </Select>
    </div>
  );
}

/**
 * After a move to another screen, keyboard and screen reader users start at
 * its content, not at the link they followed (the first screen is left alone).
 * A change of query only (a filter, a sort) keeps the focus where it is.
 */
function useFocusOnNewScreen() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current !== null && shown.current !== pathname) mainRef.current?.focus();
    shown.current = pathname;
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
        <div className="mx-auto flex max-w-[96rem] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <Link to={homePath()} className="text-base font-bold tracking-tight">
            uws<span className="text-blue-700 dark:text-blue-400">-desk</span>
          </Link>
          <ServicePicker />
          <nav aria-label="Main" className="flex items-center gap-1">
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
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <OpenJobForm currentTapUrl={all ? null : service.tapUrl} compact />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main ref={mainRef} id="main" tabIndex={-1} className="mx-auto max-w-[96rem] px-4 py-4 focus:outline-none">
        <Outlet />
      </main>
    </div>
  );
}
