-- person_change_enrollment (V18) indexed (id_number, changed_at) for the work tally's enrollments, the very key of
-- person_change_person (V4): a person's changes in a month are a handful, so the tally reads them through
-- person_change_person and filters the field (18 ms for 2,000 persons at four counties). Kept, the partial index
-- cost every insurance import its upkeep, the index covering nearly every row the import adds: 1,072,035 change rows
-- inserted at four counties took 16.0 and 15.7 s with it, 8.4 and 11.2 s without (docs/scale.md, issue 18).
drop index if exists person_change_enrollment;
