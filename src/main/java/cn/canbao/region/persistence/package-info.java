/** SQL of the region tree: the module's services read and write it here. */
package cn.canbao.region.persistence;
