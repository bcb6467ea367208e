/**
 * Cloud Storage: the export bucket the front end reads (public only under the exported prefix of
 * lib/export/paths.ts, CORS for GET, old generations kept) and the private source bucket.
 */
import { EXPORT_PATHS } from '../../lib/export/paths';
import { show } from './hcl-eval';
import { TEST_VARIABLES, block, terraform, type Instance, type TerraformModel } from './terraform-model';

/** Every object path the exporter writes. */
const EXPORTED = [
  EXPORT_PATHS.tonight.path,
  EXPORT_PATHS.player('lebronjames').path,
  EXPORT_PATHS.predictionsOfDate('2025-12-05').path,
  EXPORT_PATHS.predictionsToday.path,
  EXPORT_PATHS.resultsOfDate('2025-12-04').path,
  EXPORT_PATHS.resultsLatest.path,
  EXPORT_PATHS.performance.path,
  EXPORT_PATHS.bestBetsOfDate('2025-12-05').path,
];

let model: TerraformModel;
let exportBucket: Instance;
beforeAll(async () => {
  model = await terraform();
  const [bucket] = model.instances('google_storage_bucket', 'export');
  if (!bucket) throw new Error('no export bucket');
  exportBucket = bucket;
});

describe('Cloud Storage', () => {
  it('names the export bucket after the variable and keeps old generations', () => {
    expect(exportBucket.attrs).toMatchObject({
      name: TEST_VARIABLES.export_bucket,
      uniform_bucket_level_access: true,
      public_access_prevention: 'inherited',
    });
    expect(block(exportBucket.attrs.versioning, 'versioning').enabled).toBe(true);
    expect(block(exportBucket.attrs.soft_delete_policy, 'soft_delete_policy').retention_duration_seconds).toBeGreaterThan(0);
  });

  it('lets browsers GET the exports from any configured origin', () => {
    const cors = block(exportBucket.attrs.cors, 'cors');
    expect(cors.method).toEqual(expect.arrayContaining(['GET']));
    expect(cors.origin).toEqual(['*']);
    expect(cors.response_header).toEqual(expect.arrayContaining(['Content-Type', 'Cache-Control']));
  });

  it('makes public exactly the prefix every export is written under', () => {
    const folders = model.instances('google_storage_managed_folder');
    expect(folders.map((f) => f.attrs.bucket)).toEqual([TEST_VARIABLES.export_bucket]);
    const prefix = show(folders[0]?.attrs.name);
    expect(prefix).toMatch(/^[^/]+\/$/);
    for (const path of EXPORTED) expect(path.startsWith(prefix)).toBe(true);

    const readers = model.instances('google_storage_managed_folder_iam_member');
    expect(readers.map((r) => r.attrs)).toEqual([
      { bucket: TEST_VARIABLES.export_bucket, managed_folder: prefix, role: 'roles/storage.objectViewer', member: 'allUsers' },
    ]);
    // Nothing grants bucket-wide reads.
    const bucketWide = model
      .allInstances()
      .filter((i) => i.type.startsWith('google_storage_bucket_iam') && i.attrs.role === 'roles/storage.objectViewer');
    expect(bucketWide).toEqual([]);
  });

  it('keeps the source bucket private', () => {
    const [source] = model.instances('google_storage_bucket', 'source');
    expect(source?.attrs).toMatchObject({ public_access_prevention: 'enforced', uniform_bucket_level_access: true });
  });
});
