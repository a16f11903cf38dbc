export function JobRoute() {
  return <h1 className="text-xl font-semibold">Job</h1>;
}
