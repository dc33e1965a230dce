export default defineBackground(() => {
  // The service worker: token, GraphQL client, capture queue (see src/background/).
});
