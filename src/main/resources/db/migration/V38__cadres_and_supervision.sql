-- Cadres and supervision (issue 16). 永春方案: "建立乡镇干部包村、村（居）干部包组（户）的考核机制，细化分解工作目标任务，
-- 确保任务到岗到人" and "县医保局、税务局将联合组成督导组，不定期深入乡镇、村居指导解决征缴过程中存在的困难和问题".

-- the two roles that see only what an assignment grants (Role.TOWNSHIP_CADRE 包村干部, Role.SUPERVISOR 督导组成员)
alter table app_user_role drop constraint app_user_role_role_check;
alter table app_user_role add constraint app_user_role_role_check check (role in ('COUNTY_LEADER',
    'TOWNSHIP_LEADER', 'VILLAGE_CADRE', 'GRID_WORKER', 'CLERK', 'VOLUNTEER', 'ADMIN', 'OPERATOR', 'TOWNSHIP_CADRE',
    'SUPERVISOR'));

-- 包村: a township cadre answers for villages of their township. Rows are never deleted: an assignment that ends
-- keeps who ended it and when, so the history of who answered for a village stays readable.
create table cadre_assignment (
    id           bigserial   primary key,
    username     varchar(64) not null references app_user (username),
    village_code varchar(15) not null references region (code),
    assigned_by  varchar(64) not null,
    assigned_at  timestamptz not null,
    ended_by     varchar(64),
    ended_at     timestamptz,
    check ((ended_by is null) = (ended_at is null))
);

-- one live assignment of a cadre to a village; the cadre's villages and a township's cadres are read by these
create unique index cadre_assignment_live on cadre_assignment (username, village_code) where ended_at is null;
create index cadre_assignment_village on cadre_assignment (village_code) where ended_at is null;

-- 联合督导组: at most one live team per campaign; dissolving keeps the row (and its members) for the record.
create table supervision_team (
    id            bigserial    primary key,
    campaign_id   bigint       not null references campaign (id),
    name          varchar(100) not null,
    set_up_by     varchar(64)  not null,
    set_up_at     timestamptz  not null,
    dissolved_by  varchar(64),
    dissolved_at  timestamptz,
    check ((dissolved_by is null) = (dissolved_at is null))
);

create unique index supervision_team_live on supervision_team (campaign_id) where dissolved_at is null;

create table supervision_member (
    id          bigserial    primary key,
    team_id     bigint       not null references supervision_team (id),
    username    varchar(64)  not null references app_user (username),
    -- the member's department (县医保局, 县税务局 …): members may come from other departments than the bureau
    department  varchar(100) not null,
    added_by    varchar(64)  not null,
    added_at    timestamptz  not null,
    removed_by  varchar(64),
    removed_at  timestamptz,
    check ((removed_by is null) = (removed_at is null))
);

create unique index supervision_member_live on supervision_member (team_id, username) where removed_at is null;
create index supervision_member_user on supervision_member (username) where removed_at is null;
