import { DEFAULT_API_SETTINGS, loadApiSettings } from '../../apps/api/src/api-settings';

const S3 = { EVIDENCE_STORAGE: 's3', EVIDENCE_S3_BUCKET: 'dispute-evidence', EVIDENCE_S3_REGION: 'eu-central-1' };

describe('API settings (loadApiSettings)', () => {
  it('defaults to the local evidence folder', () => {
    expect(loadApiSettings({})).toEqual(DEFAULT_API_SETTINGS);
    expect(loadApiSettings({ EVIDENCE_STORAGE: 'local', EVIDENCE_DIR: '/srv/evidence' })).toEqual({ ...DEFAULT_API_SETTINGS, evidenceDir: '/srv/evidence' });
  });

  it('selects an S3-compatible bucket with EVIDENCE_STORAGE=s3', () => {
    expect(loadApiSettings({ ...S3, EVIDENCE_S3_ENDPOINT: 'http://minio:9000', EVIDENCE_S3_FORCE_PATH_STYLE: 'true', EVIDENCE_S3_PREFIX: 'evidence', AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'secret' }).evidenceS3).toEqual({
      bucket: 'dispute-evidence',
      region: 'eu-central-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      prefix: 'evidence/',
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
    });
  });

  it('leaves credentials to the AWS SDK chain when no keys are set, and takes the region from AWS_REGION', () => {
    expect(loadApiSettings({ EVIDENCE_STORAGE: 'S3', EVIDENCE_S3_BUCKET: 'dispute-evidence', AWS_REGION: 'us-west-2' }).evidenceS3).toEqual({
      bucket: 'dispute-evidence',
      region: 'us-west-2',
      endpoint: undefined,
      forcePathStyle: false,
      prefix: '',
      credentials: undefined,
    });
  });

  it.each([
    ['an unknown storage', { EVIDENCE_STORAGE: 'gcs' }, 'EVIDENCE_STORAGE must be "local" or "s3", got "gcs".'],
    ['no bucket', { EVIDENCE_STORAGE: 's3', EVIDENCE_S3_REGION: 'eu-central-1' }, 'EVIDENCE_S3_BUCKET is required when EVIDENCE_STORAGE is "s3".'],
    ['a bucket name S3 refuses', { ...S3, EVIDENCE_S3_BUCKET: 'My_Bucket' }, 'EVIDENCE_S3_BUCKET must be a bucket name'],
    ['no region', { EVIDENCE_STORAGE: 's3', EVIDENCE_S3_BUCKET: 'dispute-evidence' }, 'EVIDENCE_S3_REGION (or AWS_REGION) is required'],
    ['an endpoint that is not a URL', { ...S3, EVIDENCE_S3_ENDPOINT: 'minio:9000' }, 'EVIDENCE_S3_ENDPOINT must be an http(s) URL'],
    ['a path-style flag that is not a boolean', { ...S3, EVIDENCE_S3_FORCE_PATH_STYLE: 'yes' }, 'EVIDENCE_S3_FORCE_PATH_STYLE must be "true" or "false", got "yes".'],
    ['an absolute prefix', { ...S3, EVIDENCE_S3_PREFIX: '/evidence' }, 'EVIDENCE_S3_PREFIX must not start with "/"'],
    ['an access key without its secret', { ...S3, AWS_ACCESS_KEY_ID: 'AKIA' }, 'AWS_SECRET_ACCESS_KEY is required when AWS_ACCESS_KEY_ID is set.'],
    ['a secret without its access key', { ...S3, AWS_SECRET_ACCESS_KEY: 'secret' }, 'AWS_ACCESS_KEY_ID is required when AWS_SECRET_ACCESS_KEY is set.'],
    ['a folder while storing in a bucket', { ...S3, EVIDENCE_DIR: '/srv/evidence' }, 'EVIDENCE_DIR is set but EVIDENCE_STORAGE is "s3"'],
    ['bucket settings while storing locally', { EVIDENCE_S3_BUCKET: 'dispute-evidence' }, 'EVIDENCE_S3_BUCKET is set but EVIDENCE_STORAGE is not "s3"'],
    ['a size limit that is not a number', { EVIDENCE_MAX_BYTES: 'ten megabytes' }, 'EVIDENCE_MAX_BYTES must be an integer between 1 and 1073741824, got "ten megabytes".'],
  ])('refuses %s, naming the variable', (_name, env, message) => {
    expect(() => loadApiSettings(env)).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(() => loadApiSettings({ EVIDENCE_STORAGE: 's3', API_MAX_QUERY_DEPTH: '0' })).toThrow(/API_MAX_QUERY_DEPTH[\s\S]*EVIDENCE_S3_BUCKET[\s\S]*EVIDENCE_S3_REGION/);
  });
});
