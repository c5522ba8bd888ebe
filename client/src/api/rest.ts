// The REST API of docs/protocol.md and the image/export endpoints. Errors are
// application/problem+json; the `detail` is what the user should read.

export interface PadInfo {
  id: string;
  title: string;
  status: string;
  releaseDate: string;
  storedBytes: number;
}

export interface PadImageInfo {
  name: string;
  contentType: string;
  size: number;
  url: string;
  /** Where the site serves it: what the figure shortcode must point at. */
  sitePath: string;
}

export interface ExportRequest {
  dryRun: boolean;
  force?: boolean;
  ignoreLintErrors?: boolean;
}

export interface ExportResponse {
  outcome: string;
  branch: string;
  commit?: string | null;
  pullRequestNumber?: number | null;
  pullRequestUrl?: string | null;
  files: { path: string; size: number }[];
  diff?: string | null;
  post?: string | null;
  title?: string | null;
  body?: string | null;
  warnings: string[];
  conflict?: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class PadApi {
  constructor(
    /** The server's root, ending with '/'. */
    private readonly base: string,
    private readonly token: () => string | null,
  ) {}

  listPads = (): Promise<PadInfo[]> => this.json('GET', 'api/pads');
  getPad = (id: string): Promise<PadInfo> => this.json('GET', `api/pads/${id}`);
  createPad = (id: string): Promise<PadInfo> => this.json('POST', `api/pads/${id}`, {});
  updatePad = (id: string, change: { status?: string; releaseDate?: string }): Promise<PadInfo> => this.json('PATCH', `api/pads/${id}`, change);
  exportPad = (id: string, request: ExportRequest): Promise<ExportResponse> => this.json('POST', `api/pads/${id}/export`, request);
  listImages = (id: string): Promise<PadImageInfo[]> => this.json('GET', `api/pads/${id}/images`);

  uploadImage(id: string, name: string, body: Blob): Promise<PadImageInfo> {
    return this.request('PUT', `api/pads/${id}/images/${encodeURIComponent(name)}`, body, body.type || 'application/octet-stream').then((r) => r.json() as Promise<PadImageInfo>);
  }

  /** Absolute address of a path under the server's root (images for the preview, links). */
  url(path: string): string {
    return new URL(path, this.base).toString();
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    return (await response.json()) as T;
  }

  private async request(method: string, path: string, body: BodyInit | undefined, contentType: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = contentType;
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(this.url(path), { method, headers, ...(body !== undefined ? { body } : {}) });
    if (!response.ok) throw new ApiError(response.status, await problemText(response));
    return response;
  }
}

async function problemText(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? `HTTP ${response.status}`;
  } catch {
    return response.status === 401 ? 'The access token was refused.' : `HTTP ${response.status}`;
  }
}
