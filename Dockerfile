# Disclose: one binary plus the tools it runs (tesseract for OCR, poppler and
# qpdf for checking bundles) and the bundle's font. Build with the workflow
# service (no Docker engine runs on the development machines).
#
#   docker build -t disclose .
#   docker run --rm -v disclose-data:/data disclose audit keygen --out /data/audit.key
#   docker run -e DATABASE_URL=postgres://... -e DISCLOSE_AUDIT_KEY_FILE=/data/audit.key \
#     -v disclose-data:/data -p 8080:8080 disclose
#
# serve refuses to start without the audit key (the audit seals are keyed
# with it); keep a copy of it outside the data volume as well.
#
# Several nodes on one database: give each -e DISCLOSE_BLOBS=postgres (uploads
# and bundles in PostgreSQL) and the same key; deploy/docker-compose.yml.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/disclose ./cmd/disclose

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tesseract-ocr tesseract-ocr-eng poppler-utils qpdf fonts-liberation2 \
      libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
      libemail-outlook-message-perl libemail-address-perl pst-utils \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --create-home disclose
COPY --from=build /out/disclose /usr/local/bin/disclose
USER disclose
ENV DISCLOSE_DATA=/data
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/disclose"]
CMD ["serve", "--addr", ":8080"]
