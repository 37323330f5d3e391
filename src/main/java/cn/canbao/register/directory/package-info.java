/** Finding and reading persons: search criteria, the person file, its timeline, sources and access log. */
package cn.canbao.register.directory;
