/** Persons' enrollment and payment histories as the policy decisions read them, from the register and campaigns. */
package cn.canbao.policy.payments;
