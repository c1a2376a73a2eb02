// Served from this API with no CDN: the IDE, its examples and its requests all stay on this host.
// A file, not an inline script, so the page's Content-Security-Policy can forbid inline scripts.
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, defaultTabs: window.CROSSWALK_EXAMPLES }));
