/**
 * Fast tracks of SPEC §5: a birth in the police extract starts a task for the grid worker to enrol the
 * newborn with the birth certificate; a hardship member not enrolled starts a task for the county clerk to
 * enrol them by subsidy. An enrollment by task or by extract ends either.
 */
package cn.canbao.fasttrack;
