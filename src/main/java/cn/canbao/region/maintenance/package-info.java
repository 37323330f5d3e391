/** Renaming, merging and retiring villages and grids, with their history, and uploading a region and grid list. */
package cn.canbao.region.maintenance;
