/**
 * Turn what a user types into "Open a job" into a service and a job URL:
 * a job number/id (on the current service) or a job URL as archives show it
 * (…/async/<id>, possibly followed by /phase, /results/…).
 */
import { normalizeTapUrl } from './services';

export interface OpenJobTarget {
  tapUrl: string;
  jobUrl: string;
}

export function resolveOpenJob(input: string, currentTapUrl: string | null): OpenJobTarget {
  const text = input.trim();
  if (!text) throw new Error('Enter a job number or a job URL.');
  if (/^https?:\/\//i.test(text)) {
    const m = text.match(/^(.*?)\/async\/([^/?#]+)/i);
    if (!m) throw new Error('This URL does not look like a job URL (…/async/<job id>).');
    const tapUrl = normalizeTapUrl(m[1]!);
    return { tapUrl, jobUrl: `${tapUrl}/async/${m[2]!}` };
  }
  if (/[\s/?#]/.test(text)) throw new Error('A job number has no spaces or slashes. Paste the whole URL, or just the job id.');
  if (!currentTapUrl) throw new Error('Choose a service first, or paste the job’s full URL.');
  return { tapUrl: currentTapUrl, jobUrl: `${currentTapUrl}/async/${encodeURIComponent(text)}` };
}
