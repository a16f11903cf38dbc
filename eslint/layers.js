/**
 * ESLint rule that keeps the source tree's imports one-way:
 * src/protocol imports only itself; src/lib never imports the query layer
 * (src/api), a component, a feature or the app; src/api and src/components
 * never import a feature or the app; a feature never imports another feature
 * or the app.
 */
import path from 'node:path';

function layerOf(file) {
  const normalized = file.split(path.sep).join('/');
  const match = normalized.match(/\/src\/(protocol|lib|api|components|app|features)(?:\/([^/]+))?\//);
  if (!match) return null;
  return { layer: match[1], feature: match[1] === 'features' ? match[2] : null };
}

function violation(from, to) {
  if (from.layer === 'protocol' && to.layer !== 'protocol') {
    return 'src/protocol is framework-free and must not import from src/' + to.layer + '.';
  }
  if (from.layer === 'lib' && (to.layer === 'api' || to.layer === 'components')) {
    return 'src/lib is below the query layer and the components and must not import from src/' + to.layer + '.';
  }
  if ((from.layer === 'lib' || from.layer === 'api' || from.layer === 'components') && (to.layer === 'features' || to.layer === 'app')) {
    return `src/${from.layer} is shared code and must not import from src/${to.layer}.`;
  }
  if (from.layer === 'features' && to.layer === 'app') {
    return 'A feature must not import the composition root (src/app).';
  }
  if (from.layer === 'features' && to.layer === 'features' && from.feature !== to.feature) {
    return `Feature "${from.feature}" must not import feature "${to.feature}": move shared code to src/lib or src/components, or compose in src/app.`;
  }
  return null;
}

export const layers = {
  rules: {
    'one-way-imports': {
      meta: { type: 'problem', docs: { description: 'Keep imports between source layers one-way.' }, schema: [] },
      create(context) {
        const from = layerOf(context.filename);
        if (!from) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = layerOf(path.resolve(path.dirname(context.filename), source) + '/');
          if (!to) return;
          const message = violation(from, to);
          if (message) context.report({ node, message });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
