/**
 * The register (一人一档): one file per person keyed by the resident ID number, fed by data
 * extracts of other departments, with enrollment history, groups and a change log.
 */
package cn.canbao.register;
