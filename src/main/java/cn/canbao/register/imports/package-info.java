/**
 * Importing the departments' extracts into the register: column mappings and previews, the pipeline and its
 * importers per extract kind, rejects and their reasons, and the retention of import runs.
 */
package cn.canbao.register.imports;
