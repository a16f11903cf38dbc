export function HomeRoute() {
  return <h1 className="text-xl font-semibold">uws-desk</h1>;
}
