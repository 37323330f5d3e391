-- Role.OPERATOR (runs the Camunda engine: deployments, Cockpit's deletes, job retries) may be stored.
alter table app_user_role drop constraint if exists app_user_role_role_check;
alter table app_user_role add constraint app_user_role_role_check check (role in ('COUNTY_LEADER', 'TOWNSHIP_LEADER',
    'VILLAGE_CADRE', 'GRID_WORKER', 'CLERK', 'VOLUNTEER', 'ADMIN', 'OPERATOR'));
