export function SubmitRoute() {
  return <h1 className="text-xl font-semibold">New query</h1>;
}
