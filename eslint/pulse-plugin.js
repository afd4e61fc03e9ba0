// Project rules for ESLint: one import style and one direction of imports inside app/.
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const APP = path.join(ROOT, "app");

// Layers from the top down. A module may import its own layer and the layers below it, never above.
// routes → pages (and their components) → domain → platform (database, env, logging).
const LAYERS = [
  { name: "routes", rank: 4, match: (p) => /^(routes\/|root\.tsx$|entry\.(server|client)\.tsx$)/.test(p) },
  { name: "pages", rank: 3, match: (p) => /^(pages|components)\//.test(p) },
  {
    name: "platform",
    rank: 1,
    match: (p) =>
      /^(db\/|db\.server\.ts$|env\.server\.ts$|i18n\/|logger\.server\.ts$|logger\/|secrets\/|types\/)/.test(
        p,
      ),
  },
  { name: "domain", rank: 2, match: () => true },
];

function appPathOf(filename) {
  const rel = path.relative(APP, filename);
  return rel.startsWith("..") || path.isAbsolute(rel) ? null : rel.split(path.sep).join("/");
}

function layerOf(appPath) {
  const withExtension = /\.tsx?$/.test(appPath) ? appPath : `${appPath}.ts`;
  return LAYERS.find((layer) => layer.match(withExtension));
}

function resolveSpecifier(filename, spec) {
  if (spec.startsWith("~/")) return spec.slice(2);
  if (spec.startsWith(".")) return appPathOf(path.resolve(path.dirname(filename), spec));
  return null;
}

function eachImport(context, check) {
  const visit = (node) => {
    const source = node.source;
    if (source && source.type === "Literal" && typeof source.value === "string") check(source, source.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

const importStyle = {
  meta: {
    type: "suggestion",
    docs: { description: "Import app/ modules by ~/ across folders, by ./ within a folder" },
    schema: [],
    messages: {
      useAlias: 'Import {{target}} as "~/{{target}}": relative paths are only for a file\'s own folder.',
    },
  },
  create(context) {
    const filename = context.filename;
    return eachImport(context, (node, spec) => {
      if (!spec.startsWith(".")) return;
      const target = appPathOf(path.resolve(path.dirname(filename), spec));
      if (target === null) return;
      const sameFolder = spec.startsWith("./") && !spec.slice(2).includes("/");
      if (!sameFolder) context.report({ node, messageId: "useAlias", data: { target } });
    });
  },
};

const layers = {
  meta: {
    type: "problem",
    docs: { description: "Imports inside app/ go routes → pages → domain → platform" },
    schema: [],
    messages: {
      upward: "{{from}} is in the {{fromLayer}} layer and must not import {{target}} ({{toLayer}} layer).",
    },
  },
  create(context) {
    const from = appPathOf(context.filename);
    if (from === null) return {};
    const fromLayer = layerOf(from);
    return eachImport(context, (node, spec) => {
      const target = resolveSpecifier(context.filename, spec);
      if (target === null) return;
      const toLayer = layerOf(target);
      if (toLayer.rank > fromLayer.rank) {
        context.report({
          node,
          messageId: "upward",
          data: { from, fromLayer: fromLayer.name, target, toLayer: toLayer.name },
        });
      }
    });
  },
};

// Props and object keys whose string value a merchant reads (Polaris titles, labels, actions, help).
const UI_TEXT_KEYS = new Set([
  "accessibilityLabel",
  "alt",
  "aria-label",
  "aria-description",
  "content",
  "description",
  "emptyStateText",
  "error",
  "heading",
  "helpText",
  "label",
  "message",
  "placeholder",
  "subtitle",
  "title",
  "tooltip",
]);
const HAS_LETTER = /\p{L}/u;
// A message id ("common.nav.settings") names text, and a lower-case token ("noindex", "primary") is a
// value for a machine; neither is text a merchant reads.
const MESSAGE_ID = /^[a-z][\w-]*(\.[\w-]+)+$/i;
const TOKEN = /^[a-z][a-z0-9_-]*$/;

const noUiLiterals = {
  meta: {
    type: "problem",
    docs: { description: "Words a merchant reads come from the message catalogue (app/i18n), not literals" },
    schema: [],
    messages: {
      literal: 'User-visible text "{{text}}" is a literal: put it in app/i18n/messages and use t().',
    },
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: "literal", data: { text: text.trim().slice(0, 40) } });
    const checkValue = (node) => {
      if (!node) return;
      if (node.type === "Literal" && typeof node.value === "string") {
        if (HAS_LETTER.test(node.value) && !MESSAGE_ID.test(node.value) && !TOKEN.test(node.value)) {
          report(node, node.value);
        }
      } else if (node.type === "TemplateLiteral") {
        const text = node.quasis.map((quasi) => quasi.value.cooked ?? "").join("");
        if (HAS_LETTER.test(text)) report(node, text);
      } else if (node.type === "JSXExpressionContainer") {
        checkValue(node.expression);
      } else if (node.type === "ConditionalExpression") {
        checkValue(node.consequent);
        checkValue(node.alternate);
      } else if (node.type === "LogicalExpression") {
        checkValue(node.right);
      }
    };
    const keyName = (key) =>
      key.type === "Identifier" ? key.name : key.type === "Literal" ? key.value : null;
    return {
      JSXText(node) {
        if (HAS_LETTER.test(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === "JSXElement" || node.parent.type === "JSXFragment")
          checkValue(node.expression);
      },
      JSXAttribute(node) {
        const name = node.name.type === "JSXIdentifier" ? node.name.name : null;
        // A <meta content="…"> speaks to browsers and mail clients, not to the merchant.
        const element = node.parent.name?.type === "JSXIdentifier" ? node.parent.name.name : null;
        if (name === "content" && element === "meta") return;
        if (name && UI_TEXT_KEYS.has(name)) checkValue(node.value);
      },
      Property(node) {
        const name = keyName(node.key);
        if (name && UI_TEXT_KEYS.has(name)) checkValue(node.value);
      },
    };
  },
};

export default { rules: { "import-style": importStyle, layers, "no-ui-literals": noUiLiterals } };
