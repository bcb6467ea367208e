/**
 * The real BigQuery client pointed at a fake endpoint (test/gcp/fake-bigquery.ts), for the child
 * processes of the BigQuery tests (bigquery-worker.ts, completion-worker.ts).
 *
 * The client gets a fixed fake access token (no network, nothing to refresh): without any auth
 * header, the client's multipart load-job upload crashes on a custom endpoint
 * ("Cannot set properties of undefined (setting 'Content-Type')" in teeny-request), because its
 * request options only get a `headers` object from the auth step. Retries are off, so a test sees
 * each request the adapter makes. Import this module after setting
 * `METADATA_SERVER_DETECTION=none`, so the auth library never probes a metadata server.
 */
import { createRequire } from 'node:module';
import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';

// The google-auth-library the client's HTTP layer (@google-cloud/common) itself uses (not a direct
// dependency of this project, so it is resolved from there rather than imported by name).
const fromCommon = createRequire(require.resolve('@google-cloud/common'));
const { OAuth2Client } = fromCommon('google-auth-library') as {
  OAuth2Client: new (opts: {
    credentials: { access_token: string; expiry_date: number };
  }) => NonNullable<BigQueryOptions['authClient']>;
};

/** A BigQuery client of `projectId` (location us-west2) that talks to `apiEndpoint` with a fake token. */
export function fakeEndpointClient(projectId: string, apiEndpoint: string): BigQuery {
  return new BigQuery({
    projectId,
    apiEndpoint,
    location: 'us-west2',
    autoRetry: false,
    authClient: new OAuth2Client({
      credentials: { access_token: 'fake-test-token', expiry_date: Date.now() + 3_600_000 },
    }),
  });
}
