package sqlstore_test

import (
	"slices"
	"testing"

	"rapport"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
	"rapport/storetest"
)

func TestConformance(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			storetest.Run(t, func(t *testing.T) rapport.Store { return sqltest.Open(t, engine) })
		})
	}
}

func TestEnginesHaveTheSameMigrations(t *testing.T) {
	lite, err := sqlstore.MigrationVersions("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := sqlstore.MigrationVersions("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || !slices.Equal(lite, pg) {
		t.Fatalf("migration versions differ: sqlite %v, postgres %v", lite, pg)
	}
}
