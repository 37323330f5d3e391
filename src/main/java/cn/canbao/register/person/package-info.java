/**
 * What other capabilities know of a person in the register: identity (id number, name, mobile), group, hardship
 * category, insurance scheme, status, household relation and why not enrolled. Exposed beside the register's root as
 * its named interface {@code register::person}: these value types are in the signatures of half the capabilities,
 * and a root holding them all would no longer be a short public face (issue 19).
 */
@org.springframework.modulith.NamedInterface("person")
package cn.canbao.register.person;
