// The backup download: storage::Database::serialize() (a consistent image, taken between commits) saved through
// platform::saveFile under today's local date. It reads the database in memory, so it works while storing fails.
#include "ui/backup.h"

#include <ctime>
#include <exception>

#include "platform/files.h"
#include "ui/i18n.h"

namespace ui {

std::string downloadBackup(core::Crm& crm) {
    try {
        std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        char name[64];
        std::strftime(name, sizeof name, "fieldcrm-backup-%Y-%m-%d.sqlite3", &local);
        platform::saveFile(name, "application/vnd.sqlite3", crm.database().serialize());
        return {};
    } catch (const std::exception& e) {
        return format(tr("The backup could not be made: %s"), e.what());
    }
}

}  // namespace ui
