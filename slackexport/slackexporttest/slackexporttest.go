// Package slackexporttest builds Slack export zips for tests and benchmarks: from a
// directory of testdata, from a map of files, or generated at any size.
package slackexporttest

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// CompanyXDir returns the path of the Company X export testdata: users.json with
// titles, five channels, a private channel, a DM and four days of standups in which
// engineering waits on design, design on product and product on an engineer (see
// slackexport/testdata/companyx.md).
func CompanyXDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("slackexporttest: no caller information")
	}
	return filepath.Join(filepath.Dir(file), "..", "testdata", "companyx")
}

// CompanyXZip zips the Company X export into a temporary file and returns its path.
func CompanyXZip(tb testing.TB) string {
	tb.Helper()
	return ZipDir(tb, CompanyXDir())
}

// ZipDir zips the files under dir, with paths relative to dir, into a new file in a
// temporary directory and returns its path: what a Slack export download looks like.
func ZipDir(tb testing.TB, dir string) string {
	tb.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		tb.Fatalf("zip %s: %v", dir, err)
	}
	if len(files) == 0 {
		tb.Fatalf("zip %s: no files", dir)
	}
	return Zip(tb, files)
}

// Zip writes files (zip path -> content) into a new zip in a temporary directory,
// in path order, and returns its path.
func Zip(tb testing.TB, files map[string]string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "export.zip")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := WriteZip(f, files); err != nil {
		f.Close()
		tb.Fatalf("write %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// WriteZip writes files (zip path -> content) as a deflated zip to w, in path order.
func WriteZip(w io.Writer, files map[string]string) error {
	zw := zip.NewWriter(w)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fw, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, files[name]); err != nil {
			return err
		}
	}
	return zw.Close()
}
