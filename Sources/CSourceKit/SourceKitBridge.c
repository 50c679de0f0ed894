// sourcekitd is opened at run time (it belongs to the toolchain, not to a Debian package), and its
// variant type is a struct passed by value, which is why this bridge is C and not Swift.
#include "CSourceKit.h"
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef void *sourcekitd_object_t;
typedef void *sourcekitd_response_t;
typedef struct { uint64_t data[3]; } sourcekitd_variant_t;

static sourcekitd_object_t (*request_create_from_yaml)(const char *, char **);
static void (*request_release)(sourcekitd_object_t);
static sourcekitd_response_t (*send_request_sync)(sourcekitd_object_t);
static bool (*response_is_error)(sourcekitd_response_t);
static const char *(*response_error_get_description)(sourcekitd_response_t);
static sourcekitd_variant_t (*response_get_value)(sourcekitd_response_t);
static char *(*variant_json_description_copy)(sourcekitd_variant_t);
static void (*response_dispose)(sourcekitd_response_t);

const char *sourcekit_load(const char *libraryPath) {
    void *library = dlopen(libraryPath, RTLD_NOW | RTLD_LOCAL);
    if (!library) return dlerror();
    void (*initialize)(void) = (void (*)(void))dlsym(library, "sourcekitd_initialize");
    request_create_from_yaml = (sourcekitd_object_t (*)(const char *, char **))dlsym(library, "sourcekitd_request_create_from_yaml");
    request_release = (void (*)(sourcekitd_object_t))dlsym(library, "sourcekitd_request_release");
    send_request_sync = (sourcekitd_response_t (*)(sourcekitd_object_t))dlsym(library, "sourcekitd_send_request_sync");
    response_is_error = (bool (*)(sourcekitd_response_t))dlsym(library, "sourcekitd_response_is_error");
    response_error_get_description = (const char *(*)(sourcekitd_response_t))dlsym(library, "sourcekitd_response_error_get_description");
    response_get_value = (sourcekitd_variant_t (*)(sourcekitd_response_t))dlsym(library, "sourcekitd_response_get_value");
    variant_json_description_copy = (char *(*)(sourcekitd_variant_t))dlsym(library, "sourcekitd_variant_json_description_copy");
    response_dispose = (void (*)(sourcekitd_response_t))dlsym(library, "sourcekitd_response_dispose");
    if (!initialize || !request_create_from_yaml || !request_release || !send_request_sync || !response_is_error
        || !response_error_get_description || !response_get_value || !variant_json_description_copy || !response_dispose) {
        return "a sourcekitd function is missing from the library";
    }
    initialize();
    return NULL;
}

char *sourcekit_send_yaml(const char *yaml, int *failed) {
    *failed = 1;
    if (!send_request_sync) return strdup("sourcekitd is not loaded");
    char *yamlError = NULL;
    sourcekitd_object_t request = request_create_from_yaml(yaml, &yamlError);
    if (!request) return yamlError ? yamlError : strdup("the request is not valid YAML");
    sourcekitd_response_t response = send_request_sync(request);
    request_release(request);
    char *text;
    if (response_is_error(response)) {
        text = strdup(response_error_get_description(response));
    } else {
        text = variant_json_description_copy(response_get_value(response));
        *failed = 0;
    }
    response_dispose(response);
    return text;
}
