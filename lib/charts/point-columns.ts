/**
 * A long series as two typed arrays (16 bytes a point): what importers fill, the point store
 * saves in blocks and the downsampler reads. Times are epoch ms ascending (equal times allowed);
 * values are float64 as the source gave them (NaN = gap, ±Infinity kept). Only the first `length`
 * entries are meaningful.
 */
export type PointColumns = {
  times: Float64Array;
  values: Float64Array;
  length: number;
};
