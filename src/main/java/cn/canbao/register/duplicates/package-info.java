/** A clerk's duplicates: persons insured twice, one person under two ID numbers, one ID number under two names. */
package cn.canbao.register.duplicates;
