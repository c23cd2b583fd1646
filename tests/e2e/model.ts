/** The example model, loaded with the same loader as the site, so tests derive their expectations from it. */
import { loadModel } from '../../src/load/index.ts';
import type { Model } from '../../src/model/index.ts';

const cache = new Map<string, Model>();

export function modelOf(folder: string): Model {
	let model = cache.get(folder);
	if (!model) {
		model = loadModel(folder).model;
		cache.set(folder, model);
	}
	return model;
}
