// Opening the Cb Response API the way every example does: the `--profile` section of
// credentials.response (/etc/carbonblack/, ~/.carbonblack/, ./.carbonblack/).
import { CbResponseAPI } from '@cb/response';

export function connect(profile: string): CbResponseAPI {
  return new CbResponseAPI({ profile });
}
