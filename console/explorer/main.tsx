/**
 * The explorer for integrators: GraphiQL 5, bundled (Monaco and its workers from this origin), with
 * the schema built into the bundle from schema/schema.graphql, so production introspection stays
 * off. Requests go to /graphql with the console's signed-in token (the same sessionStorage key).
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { GraphiQL } from 'graphiql';
import { buildSchema, type ExecutionResult } from 'graphql';
import { createRoot } from 'react-dom/client';
import sdl from '../../schema/schema.graphql?raw';
import { storedToken } from '../src/auth/session';

const schema = buildSchema(sdl);

const DEFAULT_QUERY = `# 洛阳市居住证核验平台 · 接口调试
# Sign in at /console/ first: the requests carry the console's token.
{
  entitlements {
    code
    nameZh
    citation { article clause textZh }
  }
}
`;

async function fetcher(params: unknown): Promise<ExecutionResult> {
  const token = storedToken();
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(params),
  });
  return (await res.json()) as ExecutionResult;
}

// GraphiQL keeps its tabs and history in the session's storage, not localStorage
const storage = sessionStorage;

function Explorer() {
  return (
    <div className="explorer">
      <div className="explorer-bar">
        <a href="/console/">← 洛阳市居住证核验平台</a>
        <span>{storedToken() ? '已登录：请求携带控制台的令牌' : '未登录：请先在控制台登录'}</span>
      </div>
      <div className="explorer-main">
        <GraphiQL fetcher={fetcher} schema={schema} defaultQuery={DEFAULT_QUERY} storage={storage} />
      </div>
    </div>
  );
}

createRoot(document.getElementById('explorer')!).render(<Explorer />);
