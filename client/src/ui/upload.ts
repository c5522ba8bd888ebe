// Image upload (button or drop): PUT the bytes, then insert a figure shortcode pointing at
// the site path the server reports, which the preview maps back to the upload.
import type { PadApi } from '../api/rest';
import { captionFromName, figureShortcode, safeImageName } from '../preview/shortcodes';

export async function uploadImages(api: PadApi, padId: string, files: File[], insert: (text: string) => void, say: (text: string) => void): Promise<void> {
  for (const file of files) {
    const name = safeImageName(file.name);
    if (!name) {
      say(`${file.name}: only png, jpg, gif, webp and svg images can be uploaded.`);
      continue;
    }
    say(`Uploading ${name}…`);
    try {
      const image = await api.uploadImage(padId, name, file);
      insert(`\n${figureShortcode(image.sitePath, captionFromName(name))}\n`);
      say(`Uploaded ${name}.`);
    } catch (e) {
      say(`Upload of ${name} failed: ${(e as Error).message}`);
    }
  }
}
