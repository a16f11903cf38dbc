export function JobsRoute() {
  return <h1 className="text-xl font-semibold">Jobs</h1>;
}
