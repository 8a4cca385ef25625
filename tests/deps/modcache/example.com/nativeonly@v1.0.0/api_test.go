package nativeonly

import (
	"net/http/httptest"
	"testing"
)

func TestHello(t *testing.T) {
	_ = httptest.NewRecorder()
}
