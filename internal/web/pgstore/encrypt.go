package pgstore

import (
	"bytes"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// EncryptPDF encrypts a PDF with AES-256 under a user password (the owner
// password is the same: the requester may print and copy their own data).
func EncryptPDF(pdf []byte, password string) ([]byte, error) {
	conf := model.NewAESConfiguration(password, password, 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
