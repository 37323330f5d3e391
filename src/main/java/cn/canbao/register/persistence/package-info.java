/** The register's shared SQL conditions and day, and its part of a region merge. */
package cn.canbao.register.persistence;
