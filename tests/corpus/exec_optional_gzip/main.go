// exec_optional_gzip: compress a report, preferring the system gzip binary (often
// faster, supports -9 --rsyncable) and falling back to compress/gzip when it is
// not available.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os/exec"
	"strings"
)

func compressExternal(path string, data []byte) ([]byte, error) {
	cmd := exec.Command(path, "-9", "-c")
	cmd.Stdin = bytes.NewReader(data)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func compressBuiltin(data []byte) ([]byte, error) {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func compress(data []byte) (out []byte, how string, err error) {
	if path, lookErr := exec.LookPath("gzip"); lookErr == nil {
		if out, err = compressExternal(path, data); err == nil {
			return out, "external " + path, nil
		}
	}
	out, err = compressBuiltin(data)
	return out, "compress/gzip", err
}

func main() {
	report := strings.Repeat("2025-01-01T00:00:00Z GET /healthz 200 0.4ms\n", 500)
	gz, how, err := compress([]byte(report))
	if err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	fmt.Printf("compressed %d -> %d bytes using %s\n", len(report), len(gz), how)

	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	back, _ := io.ReadAll(zr)
	if string(back) == report && len(gz) < len(report)/10 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG: round trip failed")
	}
}
